// Speech: the model folder the curator chose, transcribing a recording into a new transcript,
// aligning a typed transcript to a recording, hearing a stretch of a transcript again, and what
// recognition left on a transcript (its words with their confidence, the stretches to check, how
// it was made).

import { commands } from "../bindings";
import type { AlignmentOutcome, ReheardStored, SpeechModel, Transcribed, TranscriptSpeech } from "../bindings";
import { unwrap } from "./call";
import { channelTo, type ProgressSink } from "./jobs";

export type {
  AlignmentOutcome,
  AlignmentStored,
  CheckKind,
  HeardLanguage,
  HeardWord,
  MadeBy,
  ReheardStored,
  SegmentWords,
  SpeechModel,
  Stretch,
  Transcribed,
  TranscriptCheck,
  TranscriptSpeech,
} from "../bindings";

/** The speech model folder chosen on this machine, and what is wrong with it, if anything. */
export const speechModel = (): Promise<SpeechModel> => unwrap(commands.speechModel());
/** Shows the native folder dialog for the model; null when the curator cancels. A folder
 * without a model is not kept: its `problem` says what it lacks. */
export const chooseSpeechModel = (): Promise<SpeechModel | null> => unwrap(commands.chooseSpeechModel());
/** Transcribes a recording (the interview's first when `mediaId` is null) into a new
 * transcript; a cancelled job stores nothing. `language` null: the interview's, else detected. */
export const transcribeRecording = (
  jobId: string,
  interviewId: string,
  mediaId: string | null,
  language: string | null,
  onProgress: ProgressSink,
): Promise<Transcribed> =>
  unwrap(commands.transcribeRecording(jobId, interviewId, mediaId, language, channelTo(onProgress)));
/** Gives a transcript the times of a recording, saving the revision "before alignment" first. */
export const alignTranscript = (
  jobId: string,
  transcriptId: string,
  mediaId: string | null,
  onProgress: ProgressSink,
): Promise<AlignmentOutcome> => unwrap(commands.alignTranscript(jobId, transcriptId, mediaId, channelTo(onProgress)));
/** Hears `startMs`..`endMs` of a transcript's recording again and puts what it hears in place
 * of the segments that start in that stretch and end by its end, after saving a revision; a
 * cancelled job changes nothing. `language` null: the transcript's. */
export const rehearSpan = (
  jobId: string,
  transcriptId: string,
  startMs: number,
  endMs: number,
  language: string | null,
  onProgress: ProgressSink,
): Promise<ReheardStored> => unwrap(commands.rehearSpan(jobId, transcriptId, startMs, endMs, language, channelTo(onProgress)));
/** What recognition left on a transcript. */
export const transcriptSpeech = (transcriptId: string): Promise<TranscriptSpeech> => unwrap(commands.transcriptSpeech(transcriptId));
