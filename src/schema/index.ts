import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.js';
import './types/scalars.js';
import './types/enums.js';
import './types/source.js';
import './types/organisation.js';
import './types/mandate.js';
import './types/priority.js';
import './types/milestone.js';
import './types/metric.js';
import './types/target.js';
import './types/measurement.js';
import './types/standing.js';
import './types/ranking.js';
import './types/record-measurements.js';
import './types/crossing.js';
import './types/series-history.js';

export const schema = lexicographicSortSchema(builder.toSchema());
