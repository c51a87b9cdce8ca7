import { doctorProfileSchema } from '@carebook/platform';
import { offeringChanges, unknownServiceIds } from './doctor-profile';

const valid = {
  id: '6f1c2b9e-1d2a-4c3b-9e8f-0a1b2c3d4e5f',
  name: '  Dr. Ada Byron ',
  specialty: 'Cardiology',
  licenseNumber: 'MD-2024/113',
};

function problems(input: Record<string, unknown>): string[] {
  const result = doctorProfileSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('doctor profile rules', () => {
  it('accepts a minimal profile, trims text and fills absent optional fields with null', () => {
    expect(doctorProfileSchema.parse(valid)).toEqual({
      ...valid,
      name: 'Dr. Ada Byron',
      phone: null,
      bio: null,
      location: null,
      serviceIds: [],
    });
  });

  it('keeps a full profile, turns blank optional text into null and drops repeated service ids', () => {
    const parsed = doctorProfileSchema.parse({
      ...valid,
      phone: '+49 30 1234567',
      bio: '  ',
      location: 'Room 4',
      serviceIds: ['a', 'b', 'a'],
    });
    expect(parsed).toMatchObject({ phone: '+49 30 1234567', bio: null, location: 'Room 4', serviceIds: ['a', 'b'] });
  });

  it.each([
    [{ id: 'not-a-uuid' }, 'id'],
    [{ name: '   ' }, 'name'],
    [{ name: 'x'.repeat(121) }, 'name'],
    [{ specialty: 'C' }, 'specialty'],
    [{ specialty: 'x'.repeat(81) }, 'specialty'],
    [{ licenseNumber: 'MD' }, 'licenseNumber'],
    [{ licenseNumber: 'MD 2024' }, 'licenseNumber'],
    [{ licenseNumber: 'x'.repeat(41) }, 'licenseNumber'],
    [{ phone: 'call me' }, 'phone'],
    [{ phone: '+49 30 1234567 8901 234' }, 'phone'],
    [{ bio: 'x'.repeat(2001) }, 'bio'],
    [{ location: 'x'.repeat(201) }, 'location'],
    [{ serviceIds: 'abc' }, 'serviceIds'],
    [{ serviceIds: [''] }, 'serviceIds.0'],
  ])('refuses %j, naming %s', (change, field) => {
    const found = problems({ ...valid, ...change });
    expect(found).toHaveLength(1);
    expect(found[0].startsWith(`${field}: `)).toBe(true);
  });

  it('requires the name, specialty and licence number', () => {
    expect(
      problems({ id: valid.id })
        .map((p) => p.split(':')[0])
        .sort(),
    ).toEqual(['licenseNumber', 'name', 'specialty']);
  });

  it('lists the requested services that cannot be offered, in the order asked', () => {
    expect(unknownServiceIds(['a', 'x', 'b', 'y'], ['b', 'a'])).toEqual(['x', 'y']);
    expect(unknownServiceIds([], ['a'])).toEqual([]);
  });

  it('changes only the service links that differ', () => {
    expect(offeringChanges(['a', 'b'], ['b', 'c'])).toEqual({ add: ['c'], remove: ['a'] });
    expect(offeringChanges(['a'], ['a'])).toEqual({ add: [], remove: [] });
    expect(offeringChanges([], ['a', 'b'])).toEqual({ add: ['a', 'b'], remove: [] });
    expect(offeringChanges(['a', 'b'], [])).toEqual({ add: [], remove: ['a', 'b'] });
  });
});
