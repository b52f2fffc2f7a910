/**
 * A step of a file's story that runs once, whichever test asks for it first; later askers get the
 * same promise, so they read what it saw (and fail if it failed). Lets a test that needs an earlier
 * test's state make it itself, and still pass alone, in file order or shuffled.
 */
export const once = <T>(step: () => Promise<T>) => {
  let done: Promise<T> | undefined;
  return () => {
    done ??= step();
    return done;
  };
};
