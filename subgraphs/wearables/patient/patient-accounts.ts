import { localIdsOf, type VendorPatientRepresentation } from '../../shared/patient/vendor-patient';
import { accountLoaderKey, type WearablesContext } from '../context';
import type { StoredAccount } from '../store';
import { ownsAccountSystem, vendorOfSystem } from '../vendors';

/** The patient's device accounts, from the link keys identity holds (batched per request). */
export async function accountsOfPatient(
  context: WearablesContext,
  patient: VendorPatientRepresentation,
): Promise<StoredAccount[]> {
  const keys = localIdsOf(patient, ownsAccountSystem).map((identifier) =>
    accountLoaderKey(vendorOfSystem(identifier.system)!, identifier.value),
  );
  const accounts = await context.accounts.loadMany([...new Set(keys)]);
  return accounts.filter(
    (account): account is StoredAccount => account !== null && !(account instanceof Error),
  );
}
