// One colour per variant letter, readable on white and on zinc-900; A (the control) is neutral grey.
const COLORS = ['#71717a', '#4f46e5', '#d97706', '#059669', '#db2777', '#0891b2', '#7c3aed', '#65a30d'];

export const variantColor = (key: string) => COLORS[(key.charCodeAt(0) - 65) % COLORS.length] ?? COLORS[1]!;
