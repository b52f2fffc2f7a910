/** A target from issue 8 or 13 that a measurement is held to. */
export interface Target {
  readonly text: string;
  readonly holds: boolean;
}

/** One figure of one scenario at one size, with the floor it is compared with when it has one. */
export interface Measurement {
  readonly scenario: string;
  /** The amount of work, e.g. "n=800 c=16": each scenario runs at several to show growth. */
  readonly size: string;
  readonly metric: string;
  readonly unit: string;
  readonly figure: number;
  readonly floor?: number;
  /** figure / floor. */
  readonly ratio?: number;
  readonly target?: Target;
}

export interface ScenarioContext {
  readonly quick: boolean;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** Progress for the person watching, on stderr so --json output stays clean. */
  readonly progress: (line: string) => void;
}

export interface Scenario {
  readonly name: string;
  readonly describe: string;
  run(ctx: ScenarioContext): Promise<Measurement[]>;
}
