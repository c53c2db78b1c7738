/**
 * Splits a key such as `val/accuracy_top.5` after each separator (/ _ . - : =), so it can wrap
 * between its words instead of mid-word; joined back, the parts are the key unchanged.
 */
export function splitAfterSeparators(text: string): string[] {
  return text.match(/[^/_.\-:=]*(?:[/_.\-:=]+|$)/g)?.filter((part) => part !== '') ?? [];
}
