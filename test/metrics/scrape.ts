/** One scrape of a Prometheus text exposition, read by metric name and labels. */
export interface Scrape {
  text: string;
  /** The value of `name` with exactly `labels`; undefined when the series is absent. */
  value(name: string, labels?: Record<string, string>): number | undefined;
}

/** GETs `url` (a /metrics endpoint) and parses the samples. */
export async function scrape(url: string): Promise<Scrape> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  const text = await response.text();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (match) samples.set(`${match[1]}${match[2] ?? ''}`, Number(match[3]));
  }
  return {
    text,
    value: (name, labels = {}) => {
      const rendered = Object.entries(labels)
        .map(([key, value]) => `${key}="${value}"`)
        .join(',');
      return samples.get(rendered ? `${name}{${rendered}}` : name);
    },
  };
}

/** How much each series moved from `before` to `after` (absent counts as 0). */
export function moved(before: Scrape, after: Scrape, name: string, labels?: Record<string, string>): number {
  return (after.value(name, labels) ?? 0) - (before.value(name, labels) ?? 0);
}
