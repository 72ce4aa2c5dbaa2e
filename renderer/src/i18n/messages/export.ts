/** export strings: [中文, English]. */
export const exportMessages = {
} as const;
