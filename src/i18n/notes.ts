/**
 * The presenter's notes for each chapter, both languages: loaded by the presenter console only
 * (see addStrings), so the page a student opens does not carry them.
 */
import type { Lang } from './index';
import { lessonNotes as en } from './en/lessonNotes';
import { lessonNotes as zhCN } from './zh-CN/lessonNotes';

export const notes: Record<Lang, Record<string, string>> = { en, 'zh-CN': zhCN };
