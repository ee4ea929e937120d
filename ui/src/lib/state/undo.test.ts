import { describe, expect, it } from "vitest";
import { UNDO_LIMIT, UndoStack, type UndoEntry } from "./undo.svelte";

/** A counter edited through the stack, each step an entry that knows its inverse. */
function counter() {
  const log: string[] = [];
  let value = 0;
  const stack = new UndoStack();
  const add = (n: number, key?: string): UndoEntry => ({
    label: `Add ${n}`,
    key,
    undo: async () => {
      value -= n;
      log.push(`-${n}`);
    },
    redo: async () => {
      value += n;
      log.push(`+${n}`);
    },
  });
  return {
    stack,
    log,
    get value() {
      return value;
    },
    do(n: number, key?: string) {
      value += n;
      stack.push(add(n, key));
    },
  };
}

describe("UndoStack", () => {
  it("undoes and redoes in order, and says what it would undo", async () => {
    const c = counter();
    expect([c.stack.canUndo, c.stack.canRedo]).toEqual([false, false]);
    c.do(1);
    c.do(10);
    expect(c.value).toBe(11);
    expect(c.stack.undoLabel).toBe("Add 10");
    await c.stack.undo();
    expect(c.value).toBe(1);
    expect(c.stack.redoLabel).toBe("Add 10");
    await c.stack.undo();
    expect(c.value).toBe(0);
    expect(await c.stack.undo()).toBeNull();
    await c.stack.redo();
    await c.stack.redo();
    expect(c.value).toBe(11);
    expect(c.log).toEqual(["-10", "-1", "+1", "+10"]);
    expect(await c.stack.redo()).toBeNull();
  });

  it("forgets what was undone once something new is done", async () => {
    const c = counter();
    c.do(1);
    c.do(2);
    await c.stack.undo();
    c.do(5);
    expect(c.stack.canRedo).toBe(false);
    await c.stack.undo();
    await c.stack.undo();
    expect(c.value).toBe(0);
  });

  it("runs steps one at a time, in the order asked, however fast they come", async () => {
    const stack = new UndoStack();
    const order: string[] = [];
    const slow = (name: string, ms: number): UndoEntry => ({
      label: name,
      undo: () => new Promise((r) => setTimeout(() => r(order.push(`undo ${name}`) as unknown as void), ms)),
      redo: async () => void order.push(`redo ${name}`),
    });
    stack.push(slow("a", 5));
    stack.push(slow("b", 20));
    const undos = [stack.undo(), stack.undo()];
    const edit = stack.run(async () => order.push("edit"));
    await Promise.all([...undos, edit]);
    expect(order).toEqual(["undo b", "undo a", "edit"]);
  });

  it("keeps a step whose undo failed, so it can be tried again", async () => {
    const stack = new UndoStack();
    let fail = true;
    stack.push({
      label: "Flaky",
      undo: async () => {
        if (fail) throw new Error("offline");
      },
      redo: async () => {},
    });
    await expect(stack.undo()).rejects.toThrow("offline");
    expect(stack.canUndo).toBe(true);
    fail = false;
    await stack.undo();
    expect(stack.canUndo).toBe(false);
    // A failed step does not block the ones after it.
    await expect(stack.run(async () => 42)).resolves.toBe(42);
  });

  it("replaces the last step when asked (a run of typing is one step)", async () => {
    const c = counter();
    c.do(1);
    c.stack.replaceTop({ label: "Add 3", undo: async () => void c.log.push("-3"), redo: async () => {} });
    await c.stack.undo();
    expect(c.log).toEqual(["-3"]);
    expect(c.stack.canUndo).toBe(false);
  });

  it(`keeps the last ${UNDO_LIMIT} steps`, async () => {
    const c = counter();
    for (let i = 0; i < UNDO_LIMIT + 20; i++) c.do(1);
    let undone = 0;
    while (c.stack.canUndo) {
      await c.stack.undo();
      undone++;
    }
    expect(undone).toBe(UNDO_LIMIT);
    expect(c.value).toBe(20);
  });
});
