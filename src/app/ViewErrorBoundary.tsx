/**
 * One error boundary per view: a crash in a view shows a French message and « Réessayer » in
 * place of that view only; the header, the navigation and the URL (the user's choices) stay. The
 * detail goes to the console for whoever reports the problem.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { removePoster } from '../map/poster-handover';
import { MESSAGES } from '../messages';

interface Props {
  readonly view: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
  /** Bumped by « Réessayer » to remount the view from scratch. */
  readonly attempt: number;
}

export class ViewErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // The first map's poster (index.html) must not hide the message.
    removePoster('erreur');
    console.error(
      `[Observatoire] la vue « ${this.props.view} » a échoué :`,
      error,
      info.componentStack,
    );
  }

  private retry = (): void => {
    this.setState((s) => ({ error: null, attempt: s.attempt + 1 }));
  };

  override render(): ReactNode {
    if (this.state.error) {
      return (
        <div className="fr-container fr-my-4w" data-view-error={this.props.view}>
          <Alert
            severity="error"
            title={MESSAGES.viewErrorTitle}
            as="h2"
            description={
              <>
                <span>{MESSAGES.viewErrorBody}</span>
                <span className="fr-text--xs fr-mt-1w" style={{ display: 'block' }}>
                  Détail technique : {this.state.error.message}
                </span>
              </>
            }
          />
          <Button className="fr-mt-2w" iconId="fr-icon-refresh-line" onClick={this.retry}>
            {MESSAGES.retry}
          </Button>
        </div>
      );
    }
    return <div key={this.state.attempt}>{this.props.children}</div>;
  }
}
