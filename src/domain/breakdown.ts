/**
 * A breakdown splits a metric's value at an organisation and period into parts that add up to it:
 * DM01's waiting list by the test patients wait for. The parts are kept beside the whole and
 * rolled up the same way; targets, crossings, watches and SPC stay on the whole.
 */
export interface BreakdownCategory {
  /** The code a partner asks for ("MRI"). */
  code: string;
  /** The publisher's name for it. */
  name: string;
}

/** DM01's 15 diagnostic tests, by the number the workbooks give them (`Diagnostic ID`), with NHS England's names. */
export const DIAGNOSTIC_TESTS: ReadonlyMap<number, BreakdownCategory> = new Map([
  [1, { code: 'MRI', name: 'Magnetic Resonance Imaging' }],
  [2, { code: 'CT', name: 'Computed Tomography' }],
  [3, { code: 'NON_OBSTETRIC_ULTRASOUND', name: 'Non-obstetric Ultrasound' }],
  [4, { code: 'BARIUM_ENEMA', name: 'Barium Enema' }],
  [5, { code: 'DEXA', name: 'DEXA Scan' }],
  [6, { code: 'AUDIOLOGY', name: 'Audiology - Audiology Assessments' }],
  [7, { code: 'ECHOCARDIOGRAPHY', name: 'Cardiology - Echocardiography' }],
  [8, { code: 'ELECTROPHYSIOLOGY', name: 'Cardiology - Electrophysiology' }],
  [9, { code: 'PERIPHERAL_NEUROPHYSIOLOGY', name: 'Neurophysiology - Peripheral Neurophysiology' }],
  [10, { code: 'SLEEP_STUDIES', name: 'Respiratory physiology - Sleep Studies' }],
  [11, { code: 'URODYNAMICS', name: 'Urodynamics - Pressures & Flows' }],
  [12, { code: 'COLONOSCOPY', name: 'Colonoscopy' }],
  [13, { code: 'FLEXI_SIGMOIDOSCOPY', name: 'Flexi Sigmoidoscopy' }],
  [14, { code: 'CYSTOSCOPY', name: 'Cystoscopy' }],
  [15, { code: 'GASTROSCOPY', name: 'Gastroscopy' }],
]);

const BY_CODE = new Map([...DIAGNOSTIC_TESTS.values()].map((category) => [category.code, category]));

/** The category a breakdown code names, or undefined. */
export function breakdownCategory(code: string): BreakdownCategory | undefined {
  return BY_CODE.get(code);
}
