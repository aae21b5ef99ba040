import { createFrameChecker } from '../command-center/frame-check.js';
import { loadContractDocument } from '../contract/contract-document.js';

/**
 * `npm run check:frame -- <url> [--header "Name: value"]...`: fetches an endpoint and checks its
 * body against core.tabular_frame@v1. Exit 0 when valid, 1 with a list of violations, 2 when the
 * endpoint could not be read. Reads a bearer token from FRAME_CHECK_TOKEN when set.
 */
async function main(args: string[]): Promise<number> {
  const url = args.find((a) => !a.startsWith('--') && !isHeaderValue(args, a));
  if (!url) {
    console.error('usage: npm run check:frame -- <url> [--header "Name: value"]');
    return 2;
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  args.forEach((arg, i) => {
    if (arg === '--header' && args[i + 1]) {
      const [name, ...value] = args[i + 1]!.split(':');
      headers[name!.trim()] = value.join(':').trim();
    }
  });
  if (process.env.FRAME_CHECK_TOKEN) headers.authorization = `Bearer ${process.env.FRAME_CHECK_TOKEN}`;

  let payload: unknown;
  try {
    const response = await fetch(url, { headers });
    const text = await response.text();
    if (!response.ok) {
      console.error(`${url}: HTTP ${response.status}\n${text.slice(0, 500)}`);
      return 2;
    }
    payload = JSON.parse(text);
  } catch (error) {
    console.error(`${url}: could not read a JSON body (${error instanceof Error ? error.message : String(error)})`);
    return 2;
  }

  const violations = createFrameChecker(loadContractDocument().document)(payload);
  if (violations.length === 0) {
    const rows = (payload as { rows: unknown[] }).rows.length;
    console.log(`ok: ${url} is a valid core.tabular_frame@v1 frame (${rows} rows)`);
    return 0;
  }
  console.log(`FAIL: ${url} breaks core.tabular_frame@v1 in ${violations.length} place(s):`);
  for (const v of violations) console.log(`  - ${v.path}: ${v.message}`);
  return 1;
}

function isHeaderValue(args: string[], arg: string): boolean {
  const i = args.indexOf(arg);
  return i > 0 && args[i - 1] === '--header';
}

main(process.argv.slice(2)).then((code) => process.exit(code));
