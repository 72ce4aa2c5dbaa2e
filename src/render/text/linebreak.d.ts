/** Types of the `linebreak` package (UAX #14 break opportunities), which ships none. */
declare module 'linebreak' {
  /** One break opportunity: a line may start at `position` (UTF-16 offset); `required` after a hard line break. */
  interface Break {
    position: number;
    required: boolean;
  }
  /** Walks the break opportunities of a string. */
  export default class LineBreaker {
    constructor(text: string);
    /** The next opportunity, or null at the end. */
    nextBreak(): Break | null;
  }
}
