/** The send plan: slots per post × group type, and the cadence checks against each group type's caps. */
export { addSlot, moveSlot, removeSlots, listSlots, type SlotView, type SlotFilter } from './slots.js';
export { checkCadence, NEIGHBOUR_SIMILARITY, type CadenceFinding, type CadenceOptions } from './cadence.js';
export { chinaDay, addDays, weekStart, monthDays, expiryDay } from './dates.js';
