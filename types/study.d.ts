// The reader's study record (docs/assets/studyrecord.js): what the 已学 control, the self-tests and 我的学习 share.

/** A page marked 已学: its title then, and the day it was marked (YYYY-MM-DD, the reader's time zone). */
interface StudiedPage {
  title: string;
  date: string;
}

/** One submitted self-test: right answers of all questions, and the day. */
interface QuizAttempt {
  score: number;
  total: number;
  date: string;
}

interface QuizRecord {
  title: string;
  attempts: QuizAttempt[]; // oldest first, at most 20
}

/** The last reading page opened (继续学习). */
interface LastPage {
  id: string;
  title: string;
  date: string;
}

/**
 * Pages and self-tests are named by their source path under docs/ (report/index.md, quizzes/report.md), which
 * is the same in the intranet site and the offline edition, whatever their URLs look like.
 */
interface StudyRecord {
  version: 1;
  pages: Record<string, StudiedPage>;
  quizzes: Record<string, QuizRecord>;
  last: LastPage | null;
}

interface StudyRecordApi {
  load(): StudyRecord;
  today(): string;
  studied(id: string): StudiedPage | null;
  markStudied(id: string, title: string): boolean;
  unmark(id: string): boolean;
  recordQuiz(id: string, title: string, score: number, total: number): boolean;
  visit(id: string, title: string): boolean;
  clear(): boolean;
  exportText(): string;
  /** the record a file holds, or null when it is not wholly one (nothing is saved) */
  readText(text: string): StudyRecord | null;
  /** false, and the record unchanged, when the text is not wholly a study record (or is over 2 MB) */
  importText(text: string): boolean;
  /** nothing marked, no self-test, no page opened */
  isEmpty(): boolean;
}

interface Window {
  studyRecord: StudyRecordApi;
}
