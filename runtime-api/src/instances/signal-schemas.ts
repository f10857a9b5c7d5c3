import { Type } from 'typebox';
import { Closed } from '../app/schema-helpers.js';

export const SignalInstanceBody = Closed({
  name: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$', description: 'The signal a waiting step declared (its node type\'s `signals(config)`)' }),
  data: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Checked by the signal\'s dataSchema; the node type receives it as the payload' })),
});

export const SignalInstanceResult = Closed(
  {
    instanceId: Type.String(),
    name: Type.String(),
    /** The instance's status after the signal. */
    status: Type.String({ description: 'running, completed, rejected, cancelled…' }),
    nodes: Type.Array(Type.String(), { description: 'The waiting nodes the signal was delivered to' }),
  },
  { description: 'The signal was delivered and the instance moved on from it' },
);
