/** The visual poster editor, the caption form, the gallery and the preview (issue 17): [中文, English]. */
export const templateEditorMessages = {
} as const;
