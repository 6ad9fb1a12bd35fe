/** The id of a seeded patient with data in every subgraph, for the printed example. */
export async function firstPatientId(gatewayUrl: string, token: string): Promise<string | null> {
  try {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ patients(first: 1) { edges { node { id } } } }' }),
    });
    const body = (await response.json()) as {
      data?: { patients?: { edges?: { node: { id: string } }[] } };
    };
    return body.data?.patients?.edges?.[0]?.node.id ?? null;
  } catch {
    return null;
  }
}
