/**
 * NHS England's ODS code: the top of the hierarchy every roll-up ends at (England as a whole), and
 * the body the mandates are issued to. NHS England is in no ODS extract the server reads, so the
 * code is the project's one fixed organisation.
 */
export const ENGLAND_ODS_CODE = 'X24';
