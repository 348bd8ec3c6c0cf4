-- DropTable
DROP TABLE "assistant_load";

