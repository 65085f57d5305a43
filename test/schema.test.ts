import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  printSchema,
  type DefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type TypeNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { PRINTED_SCHEMA_PATH } from '../src/schema/printed.js';

const printTypeNode = (node: TypeNode): string =>
  node.kind === Kind.NON_NULL_TYPE
    ? `${printTypeNode(node.type)}!`
    : node.kind === Kind.LIST_TYPE
      ? `[${printTypeNode(node.type)}]`
      : node.name.value;

/**
 * Parts of the partner contract that a later issue builds (none left).
 * Each is checked to be absent, so that whoever builds it must take it off this list and have the
 * contract checked in full.
 */
const NOT_YET_BUILT = new Set<string>([]);

describe('the schema', () => {
  it('is printed in schema/schema.graphql (run `npm run schema:print` after changing it)', () => {
    expect(readFileSync(PRINTED_SCHEMA_PATH, 'utf8')).toBe(`${printSchema(schema)}\n`);
  });

  it('describes every type, field, argument, input field and enum value for partners', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields()))
          if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("has every name of the partner contract, with the contract's types", () => {
    const contract = parse(readFileSync(new URL('./contract/api-contract.graphql', import.meta.url), 'utf8'));
    const problems: string[] = [];
    const pending: string[] = [];
    const check = (name: string, present: boolean, problem: string) => {
      if (NOT_YET_BUILT.has(name)) {
        if (present) problems.push(`${name} exists now: take it off NOT_YET_BUILT`);
        pending.push(name);
        return false;
      }
      if (!present) problems.push(problem);
      return present;
    };
    for (const definition of contract.definitions as DefinitionNode[]) {
      if (!('name' in definition) || !definition.name) continue;
      const name = definition.name.value;
      const ours: GraphQLNamedType | undefined = schema.getType(name) ?? undefined;
      if (!check(name, ours !== undefined, `type ${name} is missing`) || !ours) continue;
      if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION) {
        if (!isObjectType(ours) && !isInterfaceType(ours)) {
          problems.push(`${name} should be an object or interface type`);
          continue;
        }
        for (const contractInterface of definition.interfaces ?? []) {
          if (!ours.getInterfaces().some((i) => i.name === contractInterface.name.value))
            problems.push(`${name} must implement ${contractInterface.name.value}`);
        }
        for (const field of definition.fields ?? []) {
          const path = `${name}.${field.name.value}`;
          const ourField = ours.getFields()[field.name.value];
          if (!check(path, ourField !== undefined, `${path} is missing`) || !ourField) continue;
          if (String(ourField.type) !== printTypeNode(field.type))
            problems.push(`${path} is ${String(ourField.type)}, contract says ${printTypeNode(field.type)}`);
          for (const arg of field.arguments ?? []) {
            const ourArg = ourField.args.find((a) => a.name === arg.name.value);
            if (!ourArg) problems.push(`${path}(${arg.name.value}) is missing`);
            else if (String(ourArg.type) !== printTypeNode(arg.type))
              problems.push(
                `${path}(${arg.name.value}) is ${String(ourArg.type)}, contract says ${printTypeNode(arg.type)}`,
              );
          }
        }
      }
      if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
        if (!isInputObjectType(ours)) {
          problems.push(`${name} should be an input type`);
          continue;
        }
        for (const field of definition.fields ?? []) {
          const ourField = ours.getFields()[field.name.value];
          if (!ourField) problems.push(`${name}.${field.name.value} is missing`);
          else if (String(ourField.type) !== printTypeNode(field.type))
            problems.push(
              `${name}.${field.name.value} is ${String(ourField.type)}, contract says ${printTypeNode(field.type)}`,
            );
        }
      }
      if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
        if (!isEnumType(ours)) {
          problems.push(`${name} should be an enum`);
          continue;
        }
        for (const value of definition.values ?? []) {
          if (!ours.getValue(value.name.value)) problems.push(`${name}.${value.name.value} is missing`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(pending.sort()).toEqual([...NOT_YET_BUILT].sort());
  });

  it("has the example operations' typed documents generated (run `npm run codegen` after changing them)", async () => {
    const { default: config } = await import('../codegen.js');
    const outputs = await generate({ ...config, silent: true, cwd: process.cwd() }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs as { filename: string; content: string }[]) {
      expect(readFileSync(output.filename, 'utf8'), output.filename).toBe(output.content);
    }
  });
});
