import { CORPUS_ZH_A } from './corpus-zh-a';
import { CORPUS_ZH_B } from './corpus-zh-b';

/**
 * The built-in Chinese corpus for the character language model: 103 well-known Tang poems
 * (public domain) by 李白, 杜甫, 王维, 孟浩然 and others, each as 《title》poet followed by its
 * text in simplified characters, one sentence per line. Where a poem has well-known variant
 * readings, the reading of common modern school editions is used (e.g. 静夜思 "床前明月光 … 举头望明月").
 */
export const CORPUS_ZH = `${CORPUS_ZH_A}\n${CORPUS_ZH_B}`;
