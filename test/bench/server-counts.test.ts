// The live benchmark's server counts, from a Prometheus exposition as the dev server writes it (trimmed).
import { between, countsOf, parseExposition } from '../../bench/live/server-counts';

const EXPOSITION = `# HELP service_requests service_requests counter
# TYPE service_requests counter
service_requests{namespace="default",operation="PollWorkflowTaskQueue",service_name="frontend"} 685
service_requests{namespace="default",operation="RespondWorkflowTaskCompleted",service_name="frontend"} 617
service_requests{namespace="default",operation="UpdateWorkflowExecution",service_name="frontend"} 40
service_requests{namespace="default",operation="StartWorkflowExecution",service_name="history"} 9
persistence_requests{namespace="default",operation="CreateWorkflowExecution",service_name="history"} 7941
persistence_requests{namespace="default",operation="UpdateWorkflowExecution",service_name="history"} 1851
persistence_requests{namespace="default",operation="CreateTasks",service_name="matching"} 7759
persistence_requests{namespace="default",operation="ReadHistoryBranch",service_name="history"} 617
persistence_requests{namespace="default",operation="GetWorkflowExecution",service_name="history"} 8155
visibility_persistence_requests{operation="RecordWorkflowExecutionStarted",visibility_plugin_name="sqlite"} 7937
visibility_persistence_requests{operation="UpsertWorkflowExecution",visibility_plugin_name="sqlite"} 312
visibility_persistence_requests{operation="ListWorkflowExecutions",visibility_plugin_name="sqlite"} 50
persistence_latency_bucket{operation="UpdateWorkflowExecution",le="+Inf"} 1.5e+03
`;

test('a sample line gives its name, labels and value; comments are skipped', () => {
  const samples = parseExposition(EXPOSITION);
  expect(samples).toHaveLength(13);
  expect(samples[0]).toEqual({
    name: 'service_requests',
    labels: { namespace: 'default', operation: 'PollWorkflowTaskQueue', service_name: 'frontend' },
    value: 685,
  });
  expect(samples[12]?.value).toBe(1500);
});

test('counts: frontend calls without long polls, task completions, execution and visibility writes, reads', () => {
  expect(countsOf(EXPOSITION)).toEqual({
    calls: 657,
    workflowTasks: 617,
    executionWrites: 7941 + 1851,
    visibilityWrites: 7937 + 312,
    historyReads: 617,
  });
});

test('between two scrapes: the differences, or nothing across a server restart', () => {
  const a = countsOf(EXPOSITION);
  const b = { ...a, calls: a.calls + 10, visibilityWrites: a.visibilityWrites + 3 };
  expect(between(a, b)).toEqual({
    calls: 10,
    workflowTasks: 0,
    executionWrites: 0,
    visibilityWrites: 3,
    historyReads: 0,
  });
  expect(between(b, a)).toBeUndefined();
  expect(between(undefined, a)).toBeUndefined();
});
