import type { ReactNode } from 'react';
import { Tex } from '../Tex';

/**
 * A chapter's text: a newline starts a paragraph and `$…$` is inline TeX (typeset by KaTeX with
 * untrusted commands refused); everything else is plain text.
 */
export function LessonText({ text, className }: { text: string; className?: string }) {
  const paragraphs = text.split('\n').filter((p) => p.trim() !== '');
  return (
    <div className={className}>
      {paragraphs.map((p, i) => <p key={i}><Inline text={p} /></p>)}
    </div>
  );
}

/** Punctuation that must not start a line: kept on the line of the formula before it. */
const CLOSING = /^[，。：；、！？）,.:;!?)]+/;

/** One line of text with `$…$` TeX segments (an unmatched `$` is shown as is). */
export function Inline({ text }: { text: string }) {
  const parts = text.split('$');
  if (parts.length % 2 === 0) return <>{text}</>;
  const out: ReactNode[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 0) {
      out.push(i > 0 ? part.replace(CLOSING, '') : part);
      continue;
    }
    const tail = CLOSING.exec(parts[i + 1] ?? '')?.[0];
    out.push(tail
      ? <span key={i} className="lesson-nowrap"><Tex tex={part} />{tail}</span>
      : <Tex key={i} tex={part} />);
  }
  return <>{out}</>;
}
