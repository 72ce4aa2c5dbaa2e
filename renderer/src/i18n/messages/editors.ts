import { starterMessages } from './starters';
import { templateEditorMessages } from './templateEditor';

/** Issue 17's strings: 新建内容 starters, the template editors, the gallery and the preview. */
export const editorMessages = { ...starterMessages, ...templateEditorMessages } as const;
