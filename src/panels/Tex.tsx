import { useLayoutEffect, useRef } from 'react';
import { renderTex } from './texRender';

/** An inline KaTeX formula. */
export function Tex({ tex, className }: { tex: string; className?: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    if (ref.current) renderTex(ref.current, tex);
  }, [tex]);
  return <span ref={ref} className={className} />;
}
