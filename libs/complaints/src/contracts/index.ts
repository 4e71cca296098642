/**
 * What other bounded contexts may depend on in the complaints context.
 */
export { COMPLAINT_EVENT_TYPES, COMPLAINT_STREAM_PREFIX, complaintStreamId } from '../domain/complaint.events.js';
