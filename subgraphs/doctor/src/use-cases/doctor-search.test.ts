import { doctorSearchFilter } from './doctor-search';

describe('the public doctor search', () => {
  it('lists only active doctors when nothing is asked', () => {
    expect(doctorSearchFilter({})).toEqual({ active: true });
    expect(doctorSearchFilter({ specialty: '  ', serviceId: '' })).toEqual({ active: true });
  });

  it('filters by a trimmed specialty and by a service the doctor offers', () => {
    expect(doctorSearchFilter({ specialty: ' Cardiology ', serviceId: 's1' })).toEqual({
      active: true,
      specialty: 'Cardiology',
      offerings: { service: 's1' },
    });
  });
});
