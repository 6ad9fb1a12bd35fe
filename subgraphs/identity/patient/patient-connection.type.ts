import { Field, ObjectType } from 'type-graphql';
import { Patient } from './patient.type';

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor?: string | null;
}

@ObjectType()
export class PatientEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Patient) node!: Patient;
}

/** Relay-style connection (https://relay.dev/graphql/connections.htm). */
@ObjectType()
export class PatientConnection {
  @Field(() => [PatientEdge]) edges!: PatientEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
