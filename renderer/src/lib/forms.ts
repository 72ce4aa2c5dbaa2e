import type { FormInstance } from 'antd';

/**
 * The form's values when every rule passes, else null. antd's `validateFields()` rejects with the
 * failed fields (a plain object) when a rule fails; the form already shows those messages, so the
 * rejection is expected, not an error — awaited bare it escapes as an unhandled rejection "Object".
 */
export async function validated<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch (err) {
    if (err && typeof err === 'object' && 'errorFields' in err) return null;
    throw err;
  }
}
