import type { ScaleCase } from './scale-cases.js';

/**
 * Checks that a case is answered as the benchmark means it (so a fast 404 is never measured as
 * a cheap request): 200, and a full page of 50 customers, a year of days or the one customer.
 */
export async function checkScaleCase(baseUrl: string, scaleCase: ScaleCase, headers: Record<string, string>): Promise<void> {
  const response = await fetch(`${baseUrl}${scaleCase.path}`, { headers });
  const text = await response.text();
  const fail = (problem: string) => {
    throw new Error(`${scaleCase.name}: GET ${scaleCase.path} ${problem}: ${text.slice(0, 300)}`);
  };
  if (response.status !== 200) fail(`answered ${response.status}`);
  const body = JSON.parse(text) as unknown;
  switch (scaleCase.name) {
    case 'customers_first_page':
    case 'customers_deep_page':
      if (!Array.isArray(body) || body.length !== 50) fail('did not answer a full page of 50');
      if (!response.headers.get('link')?.includes('rel="next"')) fail('has no next page');
      break;
    case 'random_numbers_year': {
      const rows = (body as { rows?: unknown[] }).rows;
      if (!Array.isArray(rows) || rows.length < 360 || rows.length > 366) fail(`did not answer a year of days (${rows?.length} rows)`);
      break;
    }
    case 'customer_by_code':
      if (!scaleCase.path.endsWith(`/${(body as { customer_code?: string }).customer_code}`)) fail('answered another customer');
      break;
  }
}
