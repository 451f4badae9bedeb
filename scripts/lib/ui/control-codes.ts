/**
 * Terminal control sequences (colours, "clear line", cursor moves) out of a stream of
 * text, for output that is not a terminal: a file or a pipe gets the text alone. Chunks
 * can split a sequence, so an unfinished one at the end of a chunk waits for the next.
 * CSI (`ESC [ … final`) and OSC (`ESC ] … BEL` or `ESC \`) per ECMA-48; other two-byte
 * escapes (`ESC c`, `ESC 7`) go too.
 */
const SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\^_`-~78=>])/g;
/** The start of a sequence the chunk ends inside. */
const UNFINISHED = /\u001b(?:\[[0-?]*[ -/]*|\][^\u0007\u001b]*\u001b?)?$/;

export function controlCodeStripper(): (chunk: string) => string {
  let carried = '';
  return (chunk) => {
    const text = (carried + chunk).replace(SEQUENCE, '');
    const unfinished = UNFINISHED.exec(text);
    carried = unfinished ? unfinished[0] : '';
    return unfinished ? text.slice(0, unfinished.index) : text;
  };
}

/** Writes text to the stream as is on a terminal, without control sequences anywhere else. */
export function plainUnlessTerminal(stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'>): (chunk: string) => void {
  if (stream.isTTY) return (chunk) => void stream.write(chunk);
  const strip = controlCodeStripper();
  return (chunk) => void stream.write(strip(chunk));
}
