import type { QualifiedName } from './qualified-name.js';
import type { StatementBase } from './statement-base.js';

/**
 * `{DESCRIBE | DESC} [EXTENDED] <target>`: the columns of a resource
 * (`provider.service.resource`) or of a view (one-part name).
 */
export interface DescribeStatement extends StatementBase {
  readonly kind: 'describe';
  readonly extended: boolean;
  readonly target: QualifiedName;
}

/**
 * `DESCRIBE METHOD [EXTENDED] <provider>.<service>.<resource>.<method>` (also written
 * `DESCRIBE EXTENDED METHOD ...`): the parameters of one method. The target has 4 parts.
 */
export interface DescribeMethodStatement extends StatementBase {
  readonly kind: 'describeMethod';
  readonly extended: boolean;
  readonly target: QualifiedName;
}
