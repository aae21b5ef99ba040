/** A display label for a wire name: `customer_code` -> `Customer Code`, `start_date` -> `Start Date`. */
export function humanLabel(key: string): string {
  return key
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}
