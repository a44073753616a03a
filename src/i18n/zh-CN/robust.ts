/** 上限、计算预算、训练线程看门狗与过长的链接。 */
export const robust: Record<string, string> = {
  'notice.budget.lowered': '这些规模会让每一步训练耗时约 {seconds} 秒并卡住页面；已调低以适应上限：{changes}。',
  'import.error.vocabLimit': '该模型有 {actual} 个词元；页面最多支持 {max} 个。当前模型保持不变。',
  'import.error.paramLimit': '该模型有 {actual} 个权重；页面最多支持 {max} 个。当前模型保持不变。',
  'import.error.costLimit': '该模型训练一步约需 {seconds} 秒，会卡住页面。当前模型保持不变。',
};
