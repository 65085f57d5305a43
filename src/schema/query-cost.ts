import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';

/** The page size assumed for a list argument given by a variable (unknown while validating) or left out. */
export interface PageSizes {
  /** What a connection returns when `first`/`last` is not given. */
  defaultPageSize: number;
  /** The largest page a connection returns (a variable is assumed to ask for this). */
  maxPageSize: number;
}

/** Pothos relay's page sizes, which every connection of this schema keeps (the `first` argument's description says so). */
export const CONNECTION_PAGE_SIZES: PageSizes = { defaultPageSize: 20, maxPageSize: 100 };

const PAGE_ARGUMENTS = new Set(['first', 'last']);

/**
 * The `extensions` key by which a list field says about how many items it holds in practice (a
 * mandate has a handful of priorities); the estimate uses it where it is below the page asked for.
 */
export const EXPECTED_SIZE = 'expectedSize';

/**
 * How many objects an operation could return: every object field counts once for each time its
 * parents may repeat, and a list's page size (`first` or `last`, the default, or the field's
 * expected size where smaller) multiplies what is under it. So
 * `organisations(first: 100) { … measurements(first: 100) }` costs about 20,000 however shallow it
 * looks, while a deep walk down a mandate's small tree stays cheap: the estimate follows the work
 * and the size of the response, not the shape.
 */
export function estimateCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  pages: PageSizes,
): number {
  const visiting = new Set<string>();
  const costOf = (set: SelectionSetNode, parent: GraphQLNamedType | undefined, repeat: number): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) total += fieldCost(selection, parent, repeat);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += costOf(
          selection.selectionSet,
          selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) ?? undefined) : parent,
          repeat,
        );
      } else {
        const fragment = fragments[selection.name.value];
        // Unknown and cyclic fragments are refused by graphql-js's own rules.
        if (!fragment || visiting.has(fragment.name.value)) continue;
        visiting.add(fragment.name.value);
        total += costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, repeat);
        visiting.delete(fragment.name.value);
      }
    }
    return total;
  };
  const fieldCost = (field: FieldNode, parent: GraphQLNamedType | undefined, repeat: number): number => {
    if (!field.selectionSet) return 0;
    const definition =
      parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[field.name.value] : undefined;
    const type = definition ? getNamedType(definition.type) : undefined;
    const times = definition
      ? timesRepeated(field, definition, parent!, pages)
      : field.arguments?.some((argument) => PAGE_ARGUMENTS.has(argument.name.value))
        ? pages.maxPageSize
        : 1;
    return repeat + costOf(field.selectionSet, type, repeat * times);
  };
  const root = schema.getRootType(operation.operation) ?? undefined;
  return costOf(operation.selectionSet, root, 1);
}

const isConnection = (type: GraphQLNamedType) => isObjectType(type) && 'pageInfo' in type.getFields();

/** How many times a field's object may repeat under one parent. */
function timesRepeated(
  field: FieldNode,
  definition: GraphQLField<unknown, unknown>,
  parent: GraphQLNamedType,
  pages: PageSizes,
): number {
  const isList = isListType(getNullableType(definition.type));
  // A connection's page size is counted on the connection; its `edges` list adds nothing more.
  if (isList && isConnection(parent)) return 1;
  if (!isList && !isConnection(getNamedType(definition.type))) return 1;
  const pageArgument = field.arguments?.find((argument) => PAGE_ARGUMENTS.has(argument.name.value));
  const requested = pageArgument ? pageSize(pageArgument.value, pages) : pages.defaultPageSize;
  const expected = definition.extensions?.[EXPECTED_SIZE];
  return typeof expected === 'number' ? Math.min(requested, expected) : requested;
}

function pageSize(value: ValueNode, pages: PageSizes): number {
  if (value.kind !== Kind.INT) return pages.maxPageSize;
  // Out-of-range sizes are refused when the field runs; as an estimate they count as the cap.
  const size = Number(value.value);
  return Number.isSafeInteger(size) && size >= 0 ? Math.min(size, pages.maxPageSize) : pages.maxPageSize;
}

/** A validation rule refusing operations whose estimated cost is above `maxCost`. */
export function maxCostRule(maxCost: number, pages: PageSizes) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const fragments = Object.fromEntries(
        context
          .getDocument()
          .definitions.flatMap((definition) =>
            definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [],
          ),
      );
      const cost = estimateCost(context.getSchema(), operation, fragments, pages);
      if (cost > maxCost) {
        context.reportError(
          new GraphQLError(
            `This operation could return about ${Math.round(cost).toLocaleString('en-GB')} objects; the limit is ${maxCost.toLocaleString('en-GB')}. Ask for smaller pages (first) or fewer nested lists, and page with after.`,
            { nodes: [operation], extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost } },
          ),
        );
      }
    },
  });
}
