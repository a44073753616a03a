/** Limits, the cost budget, the worker watchdog and long links. */
export const robust: Record<string, string> = {
  'notice.budget.lowered': 'These sizes would make each step take about {seconds} s and freeze the page; lowered to fit: {changes}.',
  'import.error.vocabLimit': 'The model has {actual} tokens; the page handles vocabularies of at most {max}.',
  'import.error.paramLimit': 'The model has {actual} weights; the page handles at most {max}.',
  'import.error.costLimit': 'One training step of this model would take about {seconds} s and freeze the page.',
  'error.worker.uncaught': 'An unexpected error occurred in the training worker. If it stops answering, the page restarts it.',
  'error.worker.restarted': 'The training worker stopped answering. It was restarted with your settings from the weights of step {step}; press Play to go on.',
  'error.worker.dead': 'The training worker keeps failing, so the page stopped restarting it. Reload the page; your settings are in the address.',
  'files.cancel': 'Cancel',
  'files.cancelled': 'Reading “{name}” was cancelled; the current model is kept.',
  'import.error.read': 'The file could not be read ({detail}).',
  'notice.text.linkTooLong': 'Your text takes {length} characters in a link (Chinese characters take 9 each); links carry at most {max}, so share the text itself as a file or by copying it.',
  'lecture.classroom.textLeftOut': 'Your training text is too long for a link, so this link leaves it out: share the text as a file or by copying it.',
  'controls.text.tooShort': 'Too short to learn from (two characters at least): training on the built-in text.',
  'status.stepTime': 'A step takes ≈ {seconds} s at these sizes',
  'status.stepTimeShort': '≈ {seconds} s/step',
  'import.error.nonFinite': 'The file’s weights predict far worse than guessing on this task (loss {loss} nats, guessing {chance}); training from them could only diverge.',
};
