import { onMount } from 'svelte';

// True once the component's script runs in the browser. A button that works only through its
// script stays disabled until then: a click on the server-rendered page would otherwise do nothing.
export function hydration(): { readonly done: boolean } {
  let done = $state(false);
  onMount(() => {
    done = true;
  });
  return {
    get done() {
      return done;
    },
  };
}
