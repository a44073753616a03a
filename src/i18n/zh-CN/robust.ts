/** 上限、计算预算、训练进程看门狗与过长的链接。 */
export const robust: Record<string, string> = {
  'notice.budget.lowered': '这些规模会让每一步训练耗时约 {seconds} 秒并卡住页面；已调低以适应上限：{changes}。',
  'import.error.vocabLimit': '该模型有 {actual} 个词元；页面最多支持 {max} 个。',
  'import.error.paramLimit': '该模型有 {actual} 个权重；页面最多支持 {max} 个。',
  'import.error.costLimit': '该模型训练一步约需 {seconds} 秒，会卡住页面。',
  'error.worker.uncaught': '训练进程中发生了意外错误。若它不再响应，页面会重新启动它。',
  'error.worker.restarted': '训练进程没有响应。已按你的设置、从第 {step} 步的权重重新启动；按“开始”继续。',
  'error.worker.dead': '训练进程反复失败，页面已停止重启它。请刷新页面；你的设置保存在地址中。',
  'files.cancel': '取消',
  'files.cancelled': '已取消读取“{name}”；当前模型保持不变。',
  'import.error.read': '无法读取该文件（{detail}）。',
  'notice.text.linkTooLong': '你的文本在链接中占 {length} 个字符（每个汉字占 9 个）；链接最多容纳 {max} 个，请以文件或复制的方式分享文本本身。',
  'lecture.classroom.textLeftOut': '你的训练文本太长，链接放不下，因此这个链接不含它：请以文件或复制的方式分享文本。',
  'controls.text.tooShort': '太短，无法学习（至少两个字符）：正在用内置文本训练。',
  'status.stepTime': '在此规模下每步约需 {seconds} 秒',
  'status.stepTimeShort': '≈ {seconds} 秒/步',
  'import.error.nonFinite': '该文件的权重在此任务上的预测远差于随机猜测（损失 {loss} 奈特，猜测为 {chance}）；用它们训练只会发散。',
};
