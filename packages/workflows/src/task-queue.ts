// The one task queue every Waymark worker polls; workers scale out by polling it together.
export const TASK_QUEUE = 'waymark';
