import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Readiness, Stage } from '@jembatan/contracts';
import { api } from '../api/client';
import { ReadinessPanel } from '../components/ReadinessPanel';

interface Board {
  columns: {
    stage: Stage;
    total: number;
    cards: { id: string; headName: string; villageCode: string; readiness: Readiness }[];
  }[];
}

/** The graduation board: each open stage, its families by readiness, and what still stands in the way. */
export function BoardPage({ onOpen }: { onOpen: (kpmId: string) => void }) {
  const { t } = useTranslation();
  const [board, setBoard] = useState<Board | null>(null);

  useEffect(() => {
    api<Board>('/api/graduation/board?perStage=20').then(setBoard, () => setBoard({ columns: [] }));
  }, []);

  if (!board) return <p>{t('app.loading')}</p>;
  return (
    <section>
      <h2>{t('nav.board')}</h2>
      <div className="board">
        {board.columns.map((column) => (
          <div key={column.stage} className="column">
            <h3>
              {t(`stages.${column.stage}`)} ({column.total})
            </h3>
            {column.cards.map((card) => (
              <div key={card.id} className={`card ${card.readiness.ready ? 'ready' : ''}`}>
                <button type="button" onClick={() => onOpen(card.id)}>
                  {card.headName}
                </button>
                <ReadinessPanel readiness={card.readiness} compact />
              </div>
            ))}
          </div>
        ))}
      </div>
    </section>
  );
}
