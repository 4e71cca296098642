import { ComplaintStepRequestDto } from '../complaint-step.request.dto.js';

/** Accepting needs nothing but, optionally, the day it was decided. */
export class AcceptComplaintRequestDto extends ComplaintStepRequestDto {}
