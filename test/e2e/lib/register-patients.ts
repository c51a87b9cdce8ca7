import { RegisterPatientDocument } from '@carebook/sdk';
import type { ContractCall } from './contract-call';

/**
 * Registers `count` patients through the gateway (`${tag}${n}@${domain}`), five at a time
 * (registration hashes passwords: all at once would only queue on the CPU), and answers their ids and tokens.
 */
export async function registerPatients(
  gql: ContractCall,
  count: number,
  tag: string,
  domain: string,
): Promise<Array<{ id: string; token: string }>> {
  const made: Array<{ id: string; token: string }> = [];
  for (let i = 0; i < count; i += 5) {
    const batch = Array.from({ length: Math.min(5, count - i) }, async (_, j) => {
      const response = await gql(RegisterPatientDocument, {
        input: { email: `${tag}${i + j}@${domain}`, password: 'patient-password-1', name: `Patient ${tag}${i + j}` },
      });
      if (response.errors) throw new Error(`registerPatient refused: ${response.errors[0].message}`);
      return { id: response.data.registerPatient.user.id, token: response.data.registerPatient.accessToken };
    });
    made.push(...(await Promise.all(batch)));
  }
  return made;
}
