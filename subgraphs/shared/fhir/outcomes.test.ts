import {
  allOk,
  badRequest,
  conflict,
  created,
  notFound,
  outcomeHttpStatus,
  outcomeOf,
  serverError,
  statusLine,
  tooLarge,
  unchanged,
} from './outcomes';

describe('OperationOutcome builders', () => {
  it('builds a bad request naming the element by FHIRPath', () => {
    expect(
      badRequest('Observation.code is required', 'Bundle.entry[1].resource.code', 'required'),
    ).toEqual({
      resourceType: 'OperationOutcome',
      id: 'bad-request',
      issue: [
        {
          severity: 'error',
          code: 'required',
          diagnostics: 'Observation.code is required',
          expression: ['Bundle.entry[1].resource.code'],
        },
      ],
    });
  });

  it('maps outcomes to HTTP statuses in one place', () => {
    expect(outcomeHttpStatus(allOk)).toBe(200);
    expect(outcomeHttpStatus(created)).toBe(201);
    expect(outcomeHttpStatus(unchanged)).toBe(200);
    expect(outcomeHttpStatus(badRequest('x'))).toBe(400);
    expect(outcomeHttpStatus(notFound())).toBe(404);
    expect(outcomeHttpStatus(conflict('x'))).toBe(409);
    expect(outcomeHttpStatus(tooLarge('x'))).toBe(413);
    expect(outcomeHttpStatus(serverError)).toBe(500);
    // The first error decides; warnings before it do not.
    expect(
      outcomeHttpStatus(
        outcomeOf([
          { severity: 'warning', code: 'not-found', diagnostics: 'w' },
          { severity: 'error', code: 'conflict', diagnostics: 'e' },
        ]),
      ),
    ).toBe(409);
    expect(statusLine(201)).toBe('201 Created');
  });
});
