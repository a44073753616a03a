/** English strings: exporting panels as images and the run's data as files. */
export const exportStrings: Record<string, string> = {
  'export.menu': 'Export',
  'export.menu.label': 'Export this panel as an image',
  'export.png': 'PNG',
  'export.png.label': 'Download this panel as a PNG image',
  'export.svg': 'SVG',
  'export.svg.label': 'Download this panel as an SVG drawing',
  'export.failed': 'The export did not work: {reason}',

  'export.title': 'Export',
  'export.explain': 'Save the run (settings with the seed, loss history) or the numbers inside the network on the sequence shown, to open in a spreadsheet, Python or R.',
  'export.run': 'run (JSON)',
  'export.run.label': 'Download the settings, the seed and the loss history as JSON',
  'export.activations.csv': 'activations (CSV)',
  'export.activations.csv.label': 'Download every state, gate and gradient of every step as a CSV table',
  'export.activations.json': 'activations (JSON)',
  'export.activations.json.label': 'Download every state, gate and gradient of every step as nested JSON arrays',
  'export.waiting': 'The activations can be saved once the network has sent its first numbers.',
  'export.summary': 'Step {step}: {rows} rows of activations and gradients ready to save.',
};
