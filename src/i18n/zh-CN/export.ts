/** 简体中文：把面板导出为图片，把运行数据导出为文件。 */
export const exportStrings: Record<string, string> = {
  'export.menu': '导出',
  'export.menu.label': '把这个面板导出为图片',
  'export.png': 'PNG',
  'export.png.label': '把这个面板下载为 PNG 图片',
  'export.svg': 'SVG',
  'export.svg.label': '把这个面板下载为 SVG 矢量图',
  'export.failed': '导出没有成功：{reason}',

  'export.title': '导出',
  'export.explain': '保存这次运行（含随机种子的设置、损失历史），或网络在当前序列上的内部数值，可在电子表格、Python 或 R 中打开。',
  'export.run': '运行（JSON）',
  'export.run.label': '把设置、随机种子和损失历史下载为 JSON',
  'export.activations.csv': '激活值（CSV）',
  'export.activations.csv.label': '把每一步的所有状态、门和梯度下载为 CSV 表格',
  'export.activations.json': '激活值（JSON）',
  'export.activations.json.label': '把每一步的所有状态、门和梯度下载为嵌套的 JSON 数组',
  'export.waiting': '网络发来第一批数值后即可保存激活值。',
  'export.summary': '第 {step} 步：{rows} 行激活值和梯度可以保存。',
};
