import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDocument, OrganisationDocument, OrganisationsDocument } from '../../schema/generated/graphql.js';
import { createTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

describe('organisations', () => {
  it('has the 42 ICBs in 7 regions under NHS England', async () => {
    const { organisations } = await api.execute(OrganisationsDocument, { filter: { types: ['ICB'] }, first: 100 });
    expect(organisations.totalCount).toBe(42);
    expect(organisations.edges).toHaveLength(42);
    const regions = new Set(organisations.edges.map(({ node }) => node.region?.odsCode));
    expect([...regions].sort()).toEqual(['Y56', 'Y58', 'Y59', 'Y60', 'Y61', 'Y62', 'Y63']);
    expect(organisations.edges.every(({ node }) => node.parent?.odsCode === node.region?.odsCode)).toBe(true);

    const regionList = await api.execute(OrganisationsDocument, { filter: { types: ['REGION'] } });
    expect(regionList.organisations.edges.map(({ node }) => [node.odsCode, node.parent?.odsCode])).toEqual(
      ['Y56', 'Y58', 'Y59', 'Y60', 'Y61', 'Y62', 'Y63'].map((code) => [code, 'X24']),
    );
  });

  it('counts every type the reference files give', async () => {
    const counts: Record<string, number> = {};
    for (const type of [
      'GOVERNMENT_DEPARTMENT',
      'NATIONAL_BODY',
      'REGION',
      'ICB',
      'SUB_ICB_LOCATION',
      'TRUST',
    ] as const) {
      counts[type] = (
        await api.execute(OrganisationsDocument, { filter: { types: [type] }, first: 1 })
      ).organisations.totalCount;
    }
    // etr.csv has 210 trusts; its 3 Welsh ones (region W00) are outside NHS England's hierarchy.
    expect(counts).toEqual({
      GOVERNMENT_DEPARTMENT: 1,
      NATIONAL_BODY: 1,
      REGION: 7,
      ICB: 42,
      SUB_ICB_LOCATION: 106,
      TRUST: 207,
    });
  });

  it('gives an ICB its region, children, and its STP footprint name before July 2022', async () => {
    const { organisation } = await api.execute(OrganisationDocument, { odsCode: 'QE1', on: '2017-06-01' });
    expect(organisation).toMatchObject({
      odsCode: 'QE1',
      onsCode: 'E54000048',
      name: 'NHS Lancashire and South Cumbria Integrated Care Board',
      type: 'ICB',
      nameOn: 'Healthier Lancashire and South Cumbria',
      parent: { odsCode: 'Y62', type: 'REGION' },
      region: { odsCode: 'Y62', name: 'North West' },
      icb: null,
    });
    expect(
      organisation!.names.edges.map(({ node }) => [node.name, node.designation, node.validFrom, node.validTo]),
    ).toEqual([
      ['Healthier Lancashire and South Cumbria', 'STP footprint', null, '2022-06-30'],
      ['NHS Lancashire and South Cumbria Integrated Care Board', 'Integrated care board', '2022-07-01', null],
    ]);
    const childTypes = new Set(organisation!.children.edges.map(({ node }) => node.type));
    expect(childTypes).toEqual(new Set(['SUB_ICB_LOCATION', 'TRUST']));
    const today = await api.execute(OrganisationDocument, { odsCode: 'QE1', on: '2025-01-01' });
    expect(today.organisation!.nameOn).toBe('NHS Lancashire and South Cumbria Integrated Care Board');
  });

  it("puts a trust under its ICB and region, and the Department's rename on its dates", async () => {
    const { organisation } = await api.execute(OrganisationDocument, { odsCode: 'rj1', on: '2025-01-01' });
    expect(organisation).toMatchObject({
      odsCode: 'RJ1',
      name: "GUY'S AND ST THOMAS' NHS FOUNDATION TRUST",
      type: 'TRUST',
      parent: { odsCode: 'QKK' },
      icb: { odsCode: 'QKK' },
      region: { odsCode: 'Y56', name: 'London' },
    });
    const department2017 = await api.execute(OrganisationDocument, { odsCode: 'DHSC', on: '2017-03-20' });
    expect(department2017.organisation!.nameOn).toBe('Department of Health');
    const department2023 = await api.execute(OrganisationDocument, { odsCode: 'DHSC', on: '2023-06-15' });
    expect(department2023.organisation!.nameOn).toBe('Department of Health and Social Care');
  });

  it('keeps closed trusts with their closing date and can leave them out', async () => {
    const { organisation } = await api.execute(OrganisationDocument, { odsCode: 'RAP', on: '2025-01-01' });
    expect(organisation).toMatchObject({ closedOn: '2024-12-31', icb: { odsCode: 'QMJ' } });
    const open = await api.execute(OrganisationsDocument, {
      filter: { types: ['TRUST'], includeClosed: false },
      first: 1,
    });
    expect(open.organisations.totalCount).toBe(202);
  });

  it('filters by region, ICB, parent, codes and name (current or former)', async () => {
    const london = await api.execute(OrganisationsDocument, { filter: { regionOdsCode: 'Y56', types: ['ICB'] } });
    expect(london.organisations.edges.map(({ node }) => node.odsCode)).toEqual(['QKK', 'QMF', 'QMJ', 'QRV', 'QWE']);

    const inIcb = await api.execute(OrganisationsDocument, {
      filter: { icbOdsCode: 'QMJ', types: ['TRUST'] },
      first: 100,
    });
    expect(inIcb.organisations.edges.every(({ node }) => node.icb?.odsCode === 'QMJ')).toBe(true);
    expect(inIcb.organisations.totalCount).toBeGreaterThan(3);

    const underRegion = await api.execute(OrganisationsDocument, { filter: { parentOdsCode: 'Y56' }, first: 100 });
    // Directly under London: its 5 ICBs (trusts sit under ICBs).
    expect(underRegion.organisations.totalCount).toBe(5);

    const codes = await api.execute(OrganisationsDocument, { filter: { odsCodes: ['RJ1', 'QMJ', 'NOPE'] } });
    expect(codes.organisations.edges.map(({ node }) => node.odsCode)).toEqual(['QMJ', 'RJ1']);

    const former = await api.execute(OrganisationsDocument, { filter: { search: 'healthier lancashire' } });
    expect(former.organisations.edges.map(({ node }) => node.odsCode)).toEqual(['QE1']);

    const byCode = await api.execute(OrganisationsDocument, { filter: { search: 'y63' } });
    expect(byCode.organisations.edges.map(({ node }) => node.odsCode)).toContain('Y63');
  });

  it('sorts and pages without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null | undefined;
    for (let page = 0; page < 10; page += 1) {
      const { organisations } = await api.execute(OrganisationsDocument, {
        filter: { types: ['ICB'] },
        orderBy: { field: 'NAME', direction: 'DESC' },
        first: 10,
        after,
      });
      seen.push(...organisations.edges.map(({ node }) => node.name));
      if (!organisations.pageInfo.hasNextPage) break;
      after = organisations.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(42);
    expect(new Set(seen).size).toBe(42);
    expect(seen).toEqual([...seen].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
  });

  it('finds objects by global ID and answers null for unknown ones', async () => {
    const { organisation } = await api.execute(OrganisationDocument, { odsCode: 'QE1', on: '2025-01-01' });
    const { node } = await api.execute(NodeDocument, { id: organisation!.id });
    expect(node).toMatchObject({ __typename: 'Organisation', odsCode: 'QE1' });
    expect((await api.execute(OrganisationDocument, { odsCode: 'ZZZ99', on: '2025-01-01' })).organisation).toBeNull();
    const unknownId = Buffer.from('Organisation:999999').toString('base64');
    expect((await api.execute(NodeDocument, { id: unknownId })).node).toBeNull();
  });

  it('refetches many objects by global ID in one field, each in the order given, of any type', async () => {
    const trusts = (
      await api.execute(OrganisationsDocument, { filter: { types: ['TRUST'] }, first: 50 })
    ).organisations.edges.map(({ node }) => node);
    const mandate = (await api.post({ query: '{ mandate(slug: "2023") { id slug } }' })).json.data as {
      mandate: { id: string; slug: string };
    };
    const unknownId = Buffer.from('Organisation:999999').toString('base64');
    const ids = [...trusts.map((trust) => trust.id).reverse(), mandate.mandate.id, unknownId, trusts[0]!.id];
    const answer = await api.post({
      query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Organisation { odsCode } ... on Mandate { slug } } }',
      variables: { ids },
    });
    expect(answer.json.errors).toBeUndefined();
    const nodes = (answer.json.data as { nodes: ({ id: string; odsCode?: string; slug?: string } | null)[] }).nodes;
    expect(nodes.map((node) => node?.id ?? null)).toEqual([...ids.slice(0, -2), null, trusts[0]!.id]);
    expect(nodes.slice(0, 50).map((node) => node!.odsCode)).toEqual(trusts.map((trust) => trust.odsCode).reverse());
    expect(nodes[50]!.slug).toBe('2023');
  });
});
