/** 0.4567 → "46%". */
export const percent = (share: number) => `${Math.round(share * 100)}%`;
