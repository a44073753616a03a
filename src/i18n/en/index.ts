import { app } from './app';
import { controls } from './controls';
import { exportStrings } from './export';
import { files } from './files';
import { gradients } from './gradients';
import { lecture } from './lecture';
import { lessons } from './lessons';
import { neurons } from './neurons';
import { trajectory } from './trajectory';
import { panels } from './panels';
import { presenter } from './presenter';
import { robust } from './robust';
import { states } from './states';
import { weights } from './weights';

/** The English table: every visible string of the page. */
export const en: Record<string, string> = { ...app, ...controls, ...panels, ...states, ...gradients, ...lessons, ...exportStrings, ...files, ...lecture, ...presenter, ...weights, ...neurons, ...trajectory, ...robust };
