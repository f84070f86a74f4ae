/** Prints one case's figures as a block Jest shows (and .ci/run keeps in its log). */
export function reportCase(name: string, figures: Record<string, string | number>): void {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  console.log(
    [`fault case: ${name}`, ...Object.entries(figures).map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)].join(
      '\n',
    ),
  );
}

/** Writes a progress line at once (Jest holds console.log until the test ends). */
export function progress(message: string): void {
  process.stderr.write(`  [faults ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
