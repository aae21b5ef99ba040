/** Runs a CLI body and exits non-zero with a one-line message on failure. */
export function runCli(body: () => Promise<void>): void {
  body().catch((error: unknown) => {
    console.error(`failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
