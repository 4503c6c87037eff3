import type { BatchJob } from './batch-job';
import type { ScheduledTask } from './scheduled-task';
import type { StatefulService } from './stateful-service';
import type { WebService } from './web-service';
import type { Worker } from './worker';

// Tells the model which construct each kind builds, so an app's `customize(stack, ctx)` receives
// the typed stack (`stack.deployment`, `stack.service`, ...). The model declares `StackOfKind`
// empty and never imports lib/stacks: the dependency points down, from the constructs to the model.
declare module '../model/customize' {
  interface StackOfKind {
    'web-service': WebService;
    worker: Worker;
    'scheduled-task': ScheduledTask;
    'stateful-service': StatefulService;
    'batch-job': BatchJob;
  }
}
