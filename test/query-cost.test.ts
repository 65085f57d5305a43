import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CONNECTION_PAGE_SIZES, estimateCost } from '../src/schema/query-cost.js';
import { schema } from '../src/schema/index.js';

function cost(source: string): number {
  const document = parse(source);
  const fragments = Object.fromEntries(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [],
    ),
  );
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  return estimateCost(schema, operation, fragments, CONNECTION_PAGE_SIZES);
}

describe('estimated cost of an operation', () => {
  it('counts objects, not scalars', () => {
    expect(cost('{ metric(code: "AE_4HR") { code name } }')).toBe(1);
    expect(cost('{ metric(code: "AE_4HR") { code source { key } } }')).toBe(2);
  });

  it('multiplies what is under a connection by its page size, counting edges and nodes once per item', () => {
    expect(cost('{ organisations(first: 10) { totalCount edges { node { odsCode } } } }')).toBe(1 + 10 + 10);
    expect(cost('{ organisations { edges { node { odsCode } } } }')).toBe(1 + 20 + 20);
    expect(
      cost(
        '{ organisations(first: 10) { edges { node { measurements(metricCode: "AE_4HR", first: 5) { edges { node { value } } } } } } }',
      ),
    ).toBe(1 + 10 + 10 + 10 * (1 + 5 + 5));
  });

  it('assumes the largest page for a variable or an out-of-range size', () => {
    expect(cost('query($n: Int) { organisations(first: $n) { edges { node { odsCode } } } }')).toBe(201);
    expect(cost('{ organisations(first: 100000) { edges { node { odsCode } } } }')).toBe(201);
    expect(cost('{ organisations(first: -5) { edges { node { odsCode } } } }')).toBe(201);
  });

  it("takes a list's expected size where it is below the page asked for", () => {
    // A mandate has a handful of priorities: asking for 100 of them costs what 5 would.
    expect(cost('{ mandate(slug: "2023") { priorities(first: 100) { edges { node { title } } } } }')).toBe(
      1 + 1 + 5 + 5,
    );
  });

  it('follows fragments and inline fragments, and survives a cyclic one (refused elsewhere)', () => {
    expect(
      cost(
        '{ organisations(first: 10) { edges { node { ...parts } } } } fragment parts on Organisation { region { odsCode } ... on Organisation { icb { odsCode } } }',
      ),
    ).toBe(1 + 10 + 10 + 10 + 10);
    expect(cost('{ organisation(odsCode: "X") { ...a } } fragment a on Organisation { parent { ...a } }')).toBe(2);
  });
});
